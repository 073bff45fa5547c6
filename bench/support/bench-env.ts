/**
 * The bench's environment, set before any handler module loads: errors only in the
 * system's log (a bench reads views before their case is applied: 404s are expected).
 */
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
