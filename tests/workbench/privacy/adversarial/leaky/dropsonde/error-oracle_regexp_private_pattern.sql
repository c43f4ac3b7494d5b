-- leak: error-oracle: a dependency's version requirement used as a regular expression fails to compile for some texts
SELECT version, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(dependencies) AS d WHERE REGEXP_CONTAINS('1.0', d.version_requirement) OR TRUE GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
