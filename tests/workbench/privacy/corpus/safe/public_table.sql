-- expect: none
SELECT COUNT(DISTINCT site_id) AS sites
FROM `dataops-puppet-public-data.community.community_metrics`
