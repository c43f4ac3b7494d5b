-- expect: identifier-output, identifier-groups
SELECT SUBSTR(ip, 1, 7) AS network, COUNT(*) AS reports
FROM community_metrics
GROUP BY network
