// Desktop alerts and a short tone for newly waiting contacts: opt-in per browser (localStorage).

const KEY = "charla.alerts";

export function alertsOn(): boolean {
  try {
    return localStorage.getItem(KEY) === "on";
  } catch {
    return false;
  }
}

export function setAlerts(on: boolean): void {
  localStorage.setItem(KEY, on ? "on" : "off");
}

export function announce(text: string): void {
  if ("Notification" in window && Notification.permission === "granted") new Notification("Charla", { body: text });
  try {
    const audio = new AudioContext();
    const osc = audio.createOscillator();
    osc.frequency.value = 880;
    osc.connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + 0.15);
  } catch {
    // Some browsers refuse audio without a prior gesture; the notification is enough.
  }
}
