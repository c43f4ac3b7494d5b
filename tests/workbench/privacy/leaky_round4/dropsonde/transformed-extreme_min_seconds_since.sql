-- leak: transformed-extreme: MIN(TIMESTAMP_DIFF(timestamp, const, SECOND)): the first report's exact second
SELECT product, MIN(TIMESTAMP_DIFF(timestamp, TIMESTAMP '2026-01-01 00:00:00+00', SECOND)) AS first_second
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY product
HAVING COUNT(DISTINCT site_id) >= 5
