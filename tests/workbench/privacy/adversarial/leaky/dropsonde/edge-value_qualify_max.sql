-- leak: edge-value: the biggest site's environment count via QUALIFY
SELECT environment_count, COUNT(*) AS n FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY environment_count QUALIFY environment_count = MAX(environment_count) OVER ()
