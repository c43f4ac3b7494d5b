-- leak: transformed-extreme: MAX(classes.count) per class: the one heaviest site's use of the class
SELECT c.name AS class, MAX(c.count) AS most_uses
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(classes) AS c
GROUP BY class
HAVING COUNT(DISTINCT site_id) >= 5
