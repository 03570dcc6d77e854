// The partial Plotly bundle (scatter, bar and pie traces) the charts load in the browser.
declare module "plotly.js-basic-dist-min" {
  import Plotly from "plotly.js";
  export default Plotly;
}
