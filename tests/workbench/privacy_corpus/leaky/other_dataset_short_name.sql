-- expect: source-tables
SELECT COUNT(*) AS n
FROM pulp_analytics
