export { type ChartColours, DEFAULT_CHART_COLOURS } from './chart-colours.ts';
export { HEX_COLOUR } from './raster.ts';
export {
  CHART_FILE_NAME,
  MAX_CHART_YEARS,
  renderShareChart,
  type ShareChart,
} from './share-chart.ts';
