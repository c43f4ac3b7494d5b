-- leak: identifier-output: ip travels inside a STRUCT field (info.addr) and is read back as a grouping key
SELECT info.addr AS address, COUNT(*) AS reports, MAX(info.envs) AS environments
FROM (
  SELECT STRUCT(ip AS addr, environment_count AS envs) AS info
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
)
GROUP BY info.addr
