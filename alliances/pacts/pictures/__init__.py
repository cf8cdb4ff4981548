"""The dashboard's pictures: membership timelines and yearly counts (SVG built here), the
world map of who defends a state or who is party to a pact on a day (SVG built here from
the projected map in world.json), and the commitment network on a day (data built here,
drawn in the browser by static/alliances/network.js). Each picture comes with its text
equivalent and a download."""
