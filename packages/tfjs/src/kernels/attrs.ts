import * as tf from '@tensorflow/tfjs';

/** Attribute shapes of the kernels Penguin supplies (as tfjs-core passes them). */
export type Strides = number | [number, number];
export type Pad = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
export type RoundingMode = 'floor' | 'round' | 'ceil' | undefined;

export interface ConvBackpropAttrs {
  strides: Strides;
  pad: Pad;
  dataFormat?: 'NHWC' | 'NCHW';
  dimRoundingMode?: RoundingMode;
  dilations?: Strides;
}

export interface PoolGradAttrs {
  filterSize: Strides;
  strides: Strides;
  pad: Pad;
  dimRoundingMode?: RoundingMode;
}

type Shape4 = [number, number, number, number];

export function as4d(shape: readonly number[], kernel: string, name: string): Shape4 {
  if (shape.length !== 4)
    throw new Error(`${kernel} (Penguin kernel): expected ${name} of rank 4, got shape [${shape}]`);
  return shape as Shape4;
}

/** Geometry of a (depthwise) convolution in NHWC, the layout every Penguin kernel works in. */
export function convInfo(
  xShape: readonly number[],
  filterShape: readonly number[],
  attrs: ConvBackpropAttrs,
  depthwise: boolean,
  kernel: string,
): tf.backend_util.Conv2DInfo {
  return tf.backend_util.computeConv2DInfo(
    as4d(xShape, kernel, 'input shape'),
    as4d(filterShape, kernel, 'filter shape'),
    attrs.strides,
    attrs.dilations ?? 1,
    attrs.pad,
    attrs.dimRoundingMode,
    depthwise,
    'channelsLast',
  );
}

export function poolInfo(
  xShape: readonly number[],
  attrs: PoolGradAttrs,
  kernel: string,
): tf.backend_util.Conv2DInfo {
  return tf.backend_util.computePool2DInfo(
    as4d(xShape, kernel, 'input shape'),
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
}

/** NCHW is not handled by Penguin's loops; those calls go to the original kernel. */
export function isChannelsLast(attrs: { dataFormat?: string }): boolean {
  return attrs.dataFormat === undefined || attrs.dataFormat === 'NHWC';
}
