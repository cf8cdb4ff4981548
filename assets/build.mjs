// Writes what the dashboard's pictures serve from the packages pinned in package.json:
//   alliances/static/alliances/vendor/d3.min.js   the d3 bundle the network page draws with
//   alliances/static/alliances/vendor/tom-select.complete.min.js, tom-select.default.min.css
//                                                  the searchable multi-selects of the filter panel
//   alliances/static/alliances/vendor/LICENSES.md  versions, licences and attribution
//   alliances/pacts/pictures/world.json            the world map, projected once, read by the
//                                                  server, which builds each map as SVG
// Run through `make assets` (npm ci, then this script). The output is committed: running the
// app or its tests needs no npm.
import fs from "node:fs";
import path from "node:path";
import * as d3 from "d3";
import * as topojson from "topojson-client";

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, "..");
const vendor = path.join(root, "alliances/static/alliances/vendor");
const pictures = path.join(root, "alliances/pacts/pictures");

function packageDir(name) {
  return path.join(here, "node_modules", name);
}
function version(name) {
  return JSON.parse(fs.readFileSync(path.join(packageDir(name), "package.json"))).version;
}
function licence(name) {
  return fs.readFileSync(path.join(packageDir(name), "LICENSE"), "utf8").trim();
}

// --- the d3 bundle ---------------------------------------------------------------------
fs.mkdirSync(vendor, { recursive: true });
fs.copyFileSync(path.join(packageDir("d3"), "dist/d3.min.js"), path.join(vendor, "d3.min.js"));

// --- the filter panel's multi-select -------------------------------------------------------
// The complete build bundles its own search (@orchidjs/sifter, @orchidjs/unicode-variants).
// The source-map comment is dropped: the map is not served.
for (const [from, to] of [["dist/js/tom-select.complete.min.js", "tom-select.complete.min.js"],
                          ["dist/css/tom-select.default.min.css", "tom-select.default.min.css"]]) {
  const text = fs.readFileSync(path.join(packageDir("tom-select"), from), "utf8");
  fs.writeFileSync(path.join(vendor, to), text.replace(/\n?\/[*/]# sourceMappingURL=\S+( \*\/)?\s*$/, "\n"));
}

// --- the world map -----------------------------------------------------------------------
// Natural Earth's 1:110m countries, with the countries that scale leaves out (small island
// states, Andorra, Malta, Singapore...) taken from the 1:50m file. A country is keyed by its
// ISO 3166-1 numeric code, as world-atlas gives it, or by its name where it has none (Kosovo,
// N. Cyprus, Somaliland).
const WIDTH = 960;
const atlas = packageDir("world-atlas");
const coarse = JSON.parse(fs.readFileSync(path.join(atlas, "countries-110m.json")));
const fine = JSON.parse(fs.readFileSync(path.join(atlas, "countries-50m.json")));
const keyOf = (f) => f.id ?? f.properties.name;
const features = topojson.feature(coarse, coarse.objects.countries).features;
const present = new Set(features.map(keyOf));
for (const f of topojson.feature(fine, fine.objects.countries).features) {
  if (!present.has(keyOf(f))) features.push(f);
}
// Antarctica holds no state; leaving it out gives the inhabited world the room.
const drawn = features.filter((f) => f.properties.name !== "Antarctica");
const collection = { type: "FeatureCollection", features: drawn };
const probe = d3.geoEqualEarth().fitWidth(WIDTH - 4, collection);
const [[, top], [, bottom]] = d3.geoPath(probe).bounds(collection);
const HEIGHT = Math.ceil(bottom - top) + 4;
const projection = d3.geoEqualEarth().fitExtent([[2, 2], [WIDTH - 2, HEIGHT - 2]], collection);
const pathOf = d3.geoPath(projection).digits(1);
const round = (v) => Math.round(v * 10) / 10;
const countries = drawn
  .map((f) => {
    const [x, y] = pathOf.centroid(f);
    return {
      key: keyOf(f),
      name: f.properties.name,
      d: pathOf(f),
      x: round(x),
      y: round(y),
      // Too small to see or to click at this scale: the server adds a dot.
      small: pathOf.area(f) < 6,
    };
  })
  .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
const world = {
  about: `Natural Earth admin-0 countries (1:110m, with 1:50m for the countries 1:110m leaves out), from world-atlas ${version("world-atlas")}, projected (Equal Earth) with d3-geo from d3 ${version("d3")}. Written by assets/build.mjs: do not edit.`,
  width: WIDTH,
  height: HEIGHT,
  countries,
};
fs.writeFileSync(path.join(pictures, "world.json"), JSON.stringify(world) + "\n");

// --- versions, licences, attribution -----------------------------------------------------
const licences = `# Vendored front-end files

Written by \`make assets\` (assets/build.mjs) from the packages pinned in assets/package.json
and assets/package-lock.json. Do not edit by hand.

| file | package | version | licence |
| --- | --- | --- | --- |
| vendor/d3.min.js | d3 | ${version("d3")} | ISC |
| alliances/pacts/pictures/world.json (derived) | world-atlas | ${version("world-atlas")} | ISC; the map data is Natural Earth's, in the public domain |
| (used to derive world.json) | topojson-client | ${version("topojson-client")} | ISC |
| vendor/tom-select.complete.min.js, vendor/tom-select.default.min.css | tom-select | ${version("tom-select")} | Apache-2.0 |
| (bundled in tom-select.complete.min.js) | @orchidjs/sifter, @orchidjs/unicode-variants | ${version("@orchidjs/sifter")}, ${version("@orchidjs/unicode-variants")} | Apache-2.0 |

Map data: Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com.

## d3 ${version("d3")}

${licence("d3")}

## world-atlas ${version("world-atlas")}

${licence("world-atlas")}

## topojson-client ${version("topojson-client")}

${licence("topojson-client")}

## tom-select ${version("tom-select")} (with @orchidjs/sifter and @orchidjs/unicode-variants, same licence)

${licence("tom-select")}
`;
fs.writeFileSync(path.join(vendor, "LICENSES.md"), licences);
console.log(`wrote ${path.relative(root, vendor)}/d3.min.js, LICENSES.md and ${path.relative(root, pictures)}/world.json (${countries.length} countries, ${WIDTH}x${HEIGHT})`);
