-- leak: pipe-syntax: BigQuery pipe syntax: FROM |> SELECT lists every report's ip
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
|> SELECT ip, environment_count
