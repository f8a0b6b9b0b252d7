export { HEX_COLOUR } from './raster.ts';
export {
  CHART_FILE_NAME,
  type ChartColours,
  DEFAULT_CHART_COLOURS,
  MAX_CHART_YEARS,
  renderShareChart,
  type ShareChart,
} from './share-chart.ts';
