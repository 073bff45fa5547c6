/**
 * Local defaults for the Powertools environment, set before any handler module loads:
 * warnings and errors only (the console shows the system's own lines), no EMF metrics.
 */
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.POWERTOOLS_SERVICE_NAME ??= 'local';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'; // Node 20 here, 24 in Lambda
