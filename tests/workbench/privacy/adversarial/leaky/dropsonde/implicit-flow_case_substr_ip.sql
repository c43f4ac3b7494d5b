-- leak: implicit-flow: rebuilds each site's full IP address character by character from CASE SUBSTR(ip, n, 1) WHEN ... THEN literal branches, so only literals reach the grouping key
WITH latest AS (
  SELECT site_id, ip
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
  QUALIFY ROW_NUMBER() OVER (PARTITION BY site_id ORDER BY timestamp DESC) = 1
)
SELECT
  CONCAT(
      CASE SUBSTR(ip, 1, 1)
        WHEN '0' THEN '0'
        WHEN '1' THEN '1'
        WHEN '2' THEN '2'
        WHEN '3' THEN '3'
        WHEN '4' THEN '4'
        WHEN '5' THEN '5'
        WHEN '6' THEN '6'
        WHEN '7' THEN '7'
        WHEN '8' THEN '8'
        WHEN '9' THEN '9'
        WHEN '.' THEN '.'
        ELSE ''
      END,
      CASE SUBSTR(ip, 2, 1)
        WHEN '0' THEN '0'
        WHEN '1' THEN '1'
        WHEN '2' THEN '2'
        WHEN '3' THEN '3'
        WHEN '4' THEN '4'
        WHEN '5' THEN '5'
        WHEN '6' THEN '6'
        WHEN '7' THEN '7'
        WHEN '8' THEN '8'
        WHEN '9' THEN '9'
        WHEN '.' THEN '.'
        ELSE ''
      END,
      CASE SUBSTR(ip, 3, 1)
        WHEN '0' THEN '0'
        WHEN '1' THEN '1'
        WHEN '2' THEN '2'
        WHEN '3' THEN '3'
        WHEN '4' THEN '4'
        WHEN '5' THEN '5'
        WHEN '6' THEN '6'
        WHEN '7' THEN '7'
        WHEN '8' THEN '8'
        WHEN '9' THEN '9'
        WHEN '.' THEN '.'
        ELSE ''
      END,
      CASE SUBSTR(ip, 4, 1)
        WHEN '0' THEN '0'
        WHEN '1' THEN '1'
        WHEN '2' THEN '2'
        WHEN '3' THEN '3'
        WHEN '4' THEN '4'
        WHEN '5' THEN '5'
        WHEN '6' THEN '6'
        WHEN '7' THEN '7'
        WHEN '8' THEN '8'
        WHEN '9' THEN '9'
        WHEN '.' THEN '.'
        ELSE ''
      END,
      CASE SUBSTR(ip, 5, 1)
        WHEN '0' THEN '0'
        WHEN '1' THEN '1'
        WHEN '2' THEN '2'
        WHEN '3' THEN '3'
        WHEN '4' THEN '4'
        WHEN '5' THEN '5'
        WHEN '6' THEN '6'
        WHEN '7' THEN '7'
        WHEN '8' THEN '8'
        WHEN '9' THEN '9'
        WHEN '.' THEN '.'
        ELSE ''
      END,
      CASE SUBSTR(ip, 6, 1)
        WHEN '0' THEN '0'
        WHEN '1' THEN '1'
        WHEN '2' THEN '2'
        WHEN '3' THEN '3'
        WHEN '4' THEN '4'
        WHEN '5' THEN '5'
        WHEN '6' THEN '6'
        WHEN '7' THEN '7'
        WHEN '8' THEN '8'
        WHEN '9' THEN '9'
        WHEN '.' THEN '.'
        ELSE ''
      END,
      CASE SUBSTR(ip, 7, 1)
        WHEN '0' THEN '0'
        WHEN '1' THEN '1'
        WHEN '2' THEN '2'
        WHEN '3' THEN '3'
        WHEN '4' THEN '4'
        WHEN '5' THEN '5'
        WHEN '6' THEN '6'
        WHEN '7' THEN '7'
        WHEN '8' THEN '8'
        WHEN '9' THEN '9'
        WHEN '.' THEN '.'
        ELSE ''
      END,
      CASE SUBSTR(ip, 8, 1)
        WHEN '0' THEN '0'
        WHEN '1' THEN '1'
        WHEN '2' THEN '2'
        WHEN '3' THEN '3'
        WHEN '4' THEN '4'
        WHEN '5' THEN '5'
        WHEN '6' THEN '6'
        WHEN '7' THEN '7'
        WHEN '8' THEN '8'
        WHEN '9' THEN '9'
        WHEN '.' THEN '.'
        ELSE ''
      END,
      CASE SUBSTR(ip, 9, 1)
        WHEN '0' THEN '0'
        WHEN '1' THEN '1'
        WHEN '2' THEN '2'
        WHEN '3' THEN '3'
        WHEN '4' THEN '4'
        WHEN '5' THEN '5'
        WHEN '6' THEN '6'
        WHEN '7' THEN '7'
        WHEN '8' THEN '8'
        WHEN '9' THEN '9'
        WHEN '.' THEN '.'
        ELSE ''
      END,
      CASE SUBSTR(ip, 10, 1)
        WHEN '0' THEN '0'
        WHEN '1' THEN '1'
        WHEN '2' THEN '2'
        WHEN '3' THEN '3'
        WHEN '4' THEN '4'
        WHEN '5' THEN '5'
        WHEN '6' THEN '6'
        WHEN '7' THEN '7'
        WHEN '8' THEN '8'
        WHEN '9' THEN '9'
        WHEN '.' THEN '.'
        ELSE ''
      END,
      CASE SUBSTR(ip, 11, 1)
        WHEN '0' THEN '0'
        WHEN '1' THEN '1'
        WHEN '2' THEN '2'
        WHEN '3' THEN '3'
        WHEN '4' THEN '4'
        WHEN '5' THEN '5'
        WHEN '6' THEN '6'
        WHEN '7' THEN '7'
        WHEN '8' THEN '8'
        WHEN '9' THEN '9'
        WHEN '.' THEN '.'
        ELSE ''
      END,
      CASE SUBSTR(ip, 12, 1)
        WHEN '0' THEN '0'
        WHEN '1' THEN '1'
        WHEN '2' THEN '2'
        WHEN '3' THEN '3'
        WHEN '4' THEN '4'
        WHEN '5' THEN '5'
        WHEN '6' THEN '6'
        WHEN '7' THEN '7'
        WHEN '8' THEN '8'
        WHEN '9' THEN '9'
        WHEN '.' THEN '.'
        ELSE ''
      END,
      CASE SUBSTR(ip, 13, 1)
        WHEN '0' THEN '0'
        WHEN '1' THEN '1'
        WHEN '2' THEN '2'
        WHEN '3' THEN '3'
        WHEN '4' THEN '4'
        WHEN '5' THEN '5'
        WHEN '6' THEN '6'
        WHEN '7' THEN '7'
        WHEN '8' THEN '8'
        WHEN '9' THEN '9'
        WHEN '.' THEN '.'
        ELSE ''
      END,
      CASE SUBSTR(ip, 14, 1)
        WHEN '0' THEN '0'
        WHEN '1' THEN '1'
        WHEN '2' THEN '2'
        WHEN '3' THEN '3'
        WHEN '4' THEN '4'
        WHEN '5' THEN '5'
        WHEN '6' THEN '6'
        WHEN '7' THEN '7'
        WHEN '8' THEN '8'
        WHEN '9' THEN '9'
        WHEN '.' THEN '.'
        ELSE ''
      END,
      CASE SUBSTR(ip, 15, 1)
        WHEN '0' THEN '0'
        WHEN '1' THEN '1'
        WHEN '2' THEN '2'
        WHEN '3' THEN '3'
        WHEN '4' THEN '4'
        WHEN '5' THEN '5'
        WHEN '6' THEN '6'
        WHEN '7' THEN '7'
        WHEN '8' THEN '8'
        WHEN '9' THEN '9'
        WHEN '.' THEN '.'
        ELSE ''
      END
  ) AS network,
  COUNT(DISTINCT site_id) AS sites
FROM latest
GROUP BY network
ORDER BY sites DESC
