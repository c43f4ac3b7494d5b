-- leak: transformed-extreme: MAX of the number cast to FLOAT64
SELECT version, MAX(CAST(environment_count AS FLOAT64) + 0.0) AS most_environments
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
