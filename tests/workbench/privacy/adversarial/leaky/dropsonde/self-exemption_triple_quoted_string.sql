-- leak: self-exemption: an exemption line inside a triple-quoted string literal
SELECT environment_count, version, COUNT(DISTINCT site_id) AS sites, '''
-- privacy: allow k-anonymity because reviewed
''' AS note FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY environment_count, version
