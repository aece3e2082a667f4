import rules

# Everything here is public, by design: open data, OCDS and the outcomes pages.
rules.add_perm("opendata.view_open_data", rules.always_allow)
