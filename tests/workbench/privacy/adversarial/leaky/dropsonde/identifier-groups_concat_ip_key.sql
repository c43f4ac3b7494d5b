-- leak: identifier-groups: the ip concatenated into a group key
SELECT CONCAT(version, '/', ip) AS k, COUNT(*) AS n FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY k
