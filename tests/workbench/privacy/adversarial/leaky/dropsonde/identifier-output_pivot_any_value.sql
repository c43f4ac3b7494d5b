-- leak: identifier-output: PIVOT (ANY_VALUE(ip) FOR version IN (...)) outputs one address per Dropsonde version
SELECT *
FROM (
  SELECT version, ip, DATE_TRUNC(DATE(timestamp), WEEK) AS week
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
)
PIVOT (ANY_VALUE(ip) FOR version IN ('0.0.5' AS v005, '0.0.6' AS v006, '0.0.7' AS v007, '0.0.8' AS v008))
