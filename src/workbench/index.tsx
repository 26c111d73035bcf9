/* global document, window */
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { Workbench } from './Workbench';

// Filled in by webpack from assets/samples/ (see webpack.config.js).
declare const __JIXIAO_SAMPLES__: string[];

const samples = typeof __JIXIAO_SAMPLES__ === 'undefined' ? [] : __JIXIAO_SAMPLES__;
const asked = new URLSearchParams(window.location.search).get('sample');
const initialSample =
  asked === ''
    ? undefined
    : asked && samples.includes(asked)
      ? asked
      : samples.includes('qixia-2021.xlsx')
        ? 'qixia-2021.xlsx'
        : samples[0];

const container = document.getElementById('container');
if (container) createRoot(container).render(<Workbench samples={samples} initialSample={initialSample} />);
