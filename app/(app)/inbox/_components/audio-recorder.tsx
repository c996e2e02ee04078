"use client";

import { useRef, useState } from "react";

/**
 * Records a voice note with MediaRecorder and sends it through the same form as a file upload, which stays
 * the fallback when there is no JavaScript or no microphone.
 */
export function AudioRecorder({ formId, labels }: { formId: string; labels: { record: string; stop: string; recording: string } }) {
  const [seconds, setSeconds] = useState<number | null>(null);
  const recorder = useRef<MediaRecorder | null>(null);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);

  const start = async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const type = ["audio/ogg;codecs=opus", "audio/webm;codecs=opus", "audio/mp4"].find((t) => MediaRecorder.isTypeSupported(t)) ?? "";
    const rec = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
    const chunks: Blob[] = [];
    rec.ondataavailable = (e) => chunks.push(e.data);
    rec.onstop = () => {
      stream.getTracks().forEach((track) => track.stop());
      const mime = (rec.mimeType || "audio/ogg").split(";")[0]!;
      const file = new File(chunks, `voice-note.${mime.split("/")[1]}`, { type: mime });
      const form = document.getElementById(formId) as HTMLFormElement | null;
      const input = form?.querySelector<HTMLInputElement>('input[type="file"]');
      if (!form || !input) return;
      const transfer = new DataTransfer();
      transfer.items.add(file);
      input.files = transfer.files;
      form.requestSubmit();
    };
    rec.start();
    recorder.current = rec;
    setSeconds(0);
    timer.current = setInterval(() => setSeconds((s) => (s ?? 0) + 1), 1000);
  };

  const stop = () => {
    if (timer.current) clearInterval(timer.current);
    recorder.current?.stop();
    setSeconds(null);
  };

  if (typeof window !== "undefined" && !("MediaRecorder" in window)) return null;
  return seconds === null ? (
    <button type="button" onClick={start} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">🎤 {labels.record}</button>
  ) : (
    <button type="button" onClick={stop} className="rounded-md bg-red-700 px-3 py-1.5 text-sm text-white" aria-live="polite">
      ■ {labels.stop} · {labels.recording.replace("{seconds}", String(seconds))}
    </button>
  );
}
