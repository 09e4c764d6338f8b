// QualityServer
