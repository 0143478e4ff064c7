import { useState } from 'react';

export type Position = { lat: number; lng: number };

/** The browser's position on request (optional everywhere: a refusal only says so). */
export function useGeolocation() {
  const [position, setPosition] = useState<Position | null>(null);
  const [locating, setLocating] = useState(false);
  const [failed, setFailed] = useState(false);
  const locate = () => {
    if (!('geolocation' in navigator)) return setFailed(true);
    setLocating(true);
    setFailed(false);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setPosition({
          lat: Math.round(p.coords.latitude * 1e6) / 1e6,
          lng: Math.round(p.coords.longitude * 1e6) / 1e6,
        });
        setLocating(false);
      },
      () => {
        setFailed(true);
        setLocating(false);
      },
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 60_000 },
    );
  };
  return { position, locating, failed, locate, clear: () => setPosition(null) };
}
