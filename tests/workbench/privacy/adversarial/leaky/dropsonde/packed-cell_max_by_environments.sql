-- leak: packed-cell: MAX_BY of versions by environment count names the biggest site's version
SELECT MAX_BY(version, environment_count) AS v, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics`
