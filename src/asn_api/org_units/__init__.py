"""Organisation units (unit organisasi): the city's tree of secretariats, agencies, offices and service units."""
