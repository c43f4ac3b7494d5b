-- leak: error-oracle: SUM overflows INT64 exactly when two sites of a version have more than 4 environments
SELECT version, COUNT(DISTINCT site_id) AS sites, SUM(IF(environment_count > 4, 4611686018427387904, 0)) AS y FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
