-- leak: implicit-flow: WITH RECURSIVE walks the ip character by character
WITH RECURSIVE chars AS (
  SELECT 1 AS pos, SUBSTR(ip, 1, 1) AS c, ip FROM `bto-dataops-datalake-prod.dujour.community_metrics` WHERE environment_count = 568
  UNION ALL SELECT pos + 1, SUBSTR(ip, pos + 1, 1), ip FROM chars WHERE pos < LENGTH(ip)
)
SELECT pos, c, COUNT(*) AS n FROM chars GROUP BY pos, c
