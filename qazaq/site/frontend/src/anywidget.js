import { amdFactories } from './amd-shim.js';
import 'anywidget';
import './amd-done.js';
import * as base from '@jupyter-widgets/base';

/** The anywidget module ({AnyModel, AnyView}) built against our @jupyter-widgets/base. */
export const anywidgetModule = amdFactories[0].factory(base);
