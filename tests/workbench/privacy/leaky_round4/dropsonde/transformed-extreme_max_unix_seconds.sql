-- leak: transformed-extreme: MAX(UNIX_SECONDS(timestamp)): the exact second of a release's latest report
SELECT version, MAX(UNIX_SECONDS(timestamp)) AS latest_second
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
