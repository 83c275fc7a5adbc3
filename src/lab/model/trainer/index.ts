export { Trainer } from './trainer';
export { HEATMAP_RES, MANIFOLD_CELLS, VIEW_FAKE, VIEW_REAL } from './view-inputs';
