-- expect: source-tables
SELECT COUNT(*) AS n
FROM analytics_events
