-- leak: pipe-syntax: pipe syntax AGGREGATE per release and exact number, no threshold
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
|> AGGREGATE COUNT(DISTINCT site_id) AS sites GROUP BY version, environment_count
