// Listen-aloud (ADR 0036): reads the question and its choices with the browser's own
// speech, in the page's language. Progressive enhancement: the controls sit in a <template>
// and are added only when the browser can speak and has a voice for the page's language,
// so without JavaScript, or without a voice, the page is exactly as it was.
const speech = window.speechSynthesis;
const template = document.getElementById("candour-listen");

// "en-gb" -> ["en-gb", "en"]: a voice for the exact language first, then any of its kind.
function voiceFor(lang) {
  const wanted = lang.toLowerCase();
  const primary = wanted.split("-")[0];
  const voices = speech.getVoices().map((voice) => [voice, voice.lang.toLowerCase().replace("_", "-")]);
  const exact = voices.find(([, code]) => code === wanted);
  const near = voices.find(([, code]) => code.split("-")[0] === primary);
  return (exact || near || [null])[0];
}

// What is read: every element marked data-candour-read, in the order of the page.
function words() {
  return Array.from(document.querySelectorAll("[data-candour-read]"))
    .map((element) => element.textContent.replace(/\s+/g, " ").trim())
    .filter(Boolean);
}

function start() {
  const lang = document.documentElement.lang || "en";
  if (!voiceFor(lang) || document.querySelector(".candour-listen")) return;
  const controls = template.content.firstElementChild.cloneNode(true);
  const play = controls.querySelector(".candour-listen__play");
  const playLabel = controls.querySelector(".candour-listen__play-label");
  const pause = controls.querySelector(".candour-listen__pause");
  let speaking = false;
  let paused = false;

  const show = () => {
    playLabel.textContent = speaking ? template.dataset.stop : template.dataset.listen;
    pause.hidden = !speaking;
    pause.textContent = paused ? template.dataset.resume : template.dataset.pause;
  };
  const finish = () => {
    speaking = false;
    paused = false;
    show();
  };

  play.addEventListener("click", () => {
    if (speaking) {
      speech.cancel();
      finish();
      return;
    }
    speech.cancel();
    const voice = voiceFor(lang);
    const parts = words();
    parts.forEach((text, index) => {
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = lang;
      if (voice) utterance.voice = voice;
      // A little slower than usual: the youngest readers are 4.
      utterance.rate = 0.9;
      if (index === parts.length - 1) {
        utterance.addEventListener("end", finish);
        utterance.addEventListener("error", finish);
      }
      speech.speak(utterance);
    });
    speaking = parts.length > 0;
    show();
  });

  pause.addEventListener("click", () => {
    if (paused) speech.resume();
    else speech.pause();
    paused = !paused;
    show();
  });

  // Leaving the page stops the voice, so it never reads a page no longer shown.
  window.addEventListener("pagehide", () => speech.cancel());
  template.after(controls);
}

if (speech && template && "SpeechSynthesisUtterance" in window) {
  start();
  // Browsers load their voices after the page: try again when they arrive.
  speech.addEventListener("voiceschanged", start);
}
