-- leak: string-keep: TO_CODE_POINTS of system_id summed per position: the ids' characters
SELECT pos, SUM(cp) AS total, COUNT(DISTINCT system_id) AS systems
FROM `pulp-analytics-prod.analytics.pulp_analytics`, UNNEST(TO_CODE_POINTS(system_id)) AS cp WITH OFFSET AS pos
GROUP BY pos
