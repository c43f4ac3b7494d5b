-- leak: hash-output: MD5 of a site's private numbers as the key: a relabelled fingerprint
SELECT TO_HEX(MD5(FORMAT('%d/%d', environment_count, ARRAY_LENGTH(modules)))) AS shape, COUNT(*) AS reports
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY shape
