/** The phone's position for a personal punch (issue 20), as the punch's body carries it. */
export interface PunchPosition {
  lat: number;
  lng: number;
  accuracyM: number;
}

export type PositionFailure = 'denied' | 'unavailable';

/**
 * Asks the browser for the position once (fresh, at most 15 s). Resolves with the position or the
 * reason there is none: refused by the person or the browser, or not found in time.
 */
export function currentPosition(): Promise<PunchPosition | PositionFailure> {
  if (typeof navigator === 'undefined' || !navigator.geolocation) return Promise.resolve('unavailable');
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (position) =>
        resolve({
          lat: position.coords.latitude,
          lng: position.coords.longitude,
          accuracyM: position.coords.accuracy,
        }),
      (error) => resolve(error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable'),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 0 },
    );
  });
}
