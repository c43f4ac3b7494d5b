-- leak: wrong-threshold: the threshold counts distinct module versions, not sites
SELECT m.slug, AVG(environment_count) AS avg_environments
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(modules) AS m
GROUP BY m.slug
HAVING COUNT(DISTINCT m.version) >= 5
