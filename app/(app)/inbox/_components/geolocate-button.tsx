"use client";

/** Fills the location form from the browser's position; without JavaScript the fields are typed in. */
export function GeolocateButton({ formId, label }: { formId: string; label: string }) {
  const locate = () =>
    navigator.geolocation.getCurrentPosition((pos) => {
      const form = document.getElementById(formId) as HTMLFormElement | null;
      const set = (name: string, value: number) => {
        const input = form?.elements.namedItem(name) as HTMLInputElement | null;
        if (input) input.value = value.toFixed(6);
      };
      set("latitude", pos.coords.latitude);
      set("longitude", pos.coords.longitude);
    });
  return (
    <button type="button" onClick={locate} className="col-span-2 rounded-md border border-slate-300 px-3 py-1 text-sm">
      {label}
    </button>
  );
}
