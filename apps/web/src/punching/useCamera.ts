import { useCallback, useEffect, useRef, useState } from 'react';
import { captureJpeg } from './photo-capture.ts';

export type CameraState = 'off' | 'starting' | 'ready' | 'unavailable';

/**
 * The front camera while `active`: a stream for the preview, stopped as soon as it is no longer
 * needed (the camera light goes out when the person leaves), and `capture()` for the punch.
 */
export function useCamera(active: boolean) {
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const [state, setState] = useState<CameraState>('off');

  useEffect(() => {
    if (!active) return;
    let cancelled = false;
    if (!navigator.mediaDevices?.getUserMedia) {
      setState('unavailable');
      return;
    }
    setState('starting');
    navigator.mediaDevices
      .getUserMedia({
        video: { facingMode: 'user', width: { ideal: 640 }, height: { ideal: 480 } },
        audio: false,
      })
      .then((stream) => {
        if (cancelled) {
          for (const track of stream.getTracks()) track.stop();
          return;
        }
        streamRef.current = stream;
        if (videoRef.current) videoRef.current.srcObject = stream;
        setState('ready');
      })
      .catch(() => {
        if (!cancelled) setState('unavailable');
      });
    return () => {
      cancelled = true;
      for (const track of streamRef.current?.getTracks() ?? []) track.stop();
      streamRef.current = null;
      setState('off');
    };
  }, [active]);

  /** The video element of the preview: gets the stream whenever it mounts. */
  const attach = useCallback((element: HTMLVideoElement | null) => {
    videoRef.current = element;
    if (element && streamRef.current && element.srcObject !== streamRef.current) {
      element.srcObject = streamRef.current;
    }
  }, []);

  /** The picture, taken now; null when the camera gives no frame. */
  const capture = useCallback(() => (videoRef.current ? captureJpeg(videoRef.current) : null), []);

  return { state, attach, capture };
}
