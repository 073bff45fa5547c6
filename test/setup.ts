import 'aws-sdk-client-mock-vitest/extend';
// Quiet handlers under test: warnings and errors only, no EMF metrics, no SDK banner.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
