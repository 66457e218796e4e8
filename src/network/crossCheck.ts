/**
 * The family a network's count is cross-checked in (solve/crossCheck): its gradient system
 * with the data as parameters (λ, X, Y: dataParametrizedSystem), at the network's own data,
 * with the sign flips of hidden neurons as symmetries. Zero patterns stay critical points for
 * all data, so loops reach every pattern of which one point was found.
 */
import type { Family } from '../solve/crossCheck.js';
import { dataParameters, dataParametrizedSystem } from './instances.js';
import type { LinearNetwork } from './model.js';
import { neuronSignFlips } from './parametrize.js';

export function networkFamily(network: LinearNetwork): Family {
  return {
    system: dataParametrizedSystem(network.dims, network.X[0]?.length ?? 0),
    parameters: dataParameters(network),
    symmetries: neuronSignFlips(network.dims),
  };
}
