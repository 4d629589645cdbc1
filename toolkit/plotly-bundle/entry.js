// plotly.js with only the trace types stancemap's own figures draw (stancemap.imagebrowser.FIGURE_TRACES),
// registered as plotly.js's own partial bundles register theirs (lib/index-basic.js).
'use strict';

var Plotly = require('plotly.js/lib/core');  // holds the scatter trace

Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/heatmap'),
    require('plotly.js/lib/table'),
    require('plotly.js/lib/calendars'),
]);

module.exports = Plotly;
