/** The colours of the three series, as `#rrggbb`. */
export interface ChartColours {
  local: string;
  sme: string;
  vcse: string;
}

/** NHS Blue, NHS Warm Yellow and NHS Purple: apart in lightness as well as hue, so they read in greyscale too. */
export const DEFAULT_CHART_COLOURS: ChartColours = { local: '#005EB8', sme: '#FFB81C', vcse: '#330072' };
