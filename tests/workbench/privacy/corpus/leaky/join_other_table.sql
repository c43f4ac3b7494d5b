-- expect: source-tables
SELECT COUNT(*) AS n
FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS c
JOIN `bigquery-public-data.github_repos.commits` AS g ON TRUE
