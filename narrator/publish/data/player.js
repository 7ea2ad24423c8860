(function () {
  "use strict";
  if (window.performance && performance.mark) { performance.mark("narrator-player-start"); }
  var data = JSON.parse(document.getElementById("narration-data").textContent);
  var audio = document.getElementById("audio");
  var controls = document.getElementById("controls");
  var segs = data.segments; // [start ms, end ms, sentence, paragraph]
  var spans = [];
  var wordSpans = [];
  for (var i = 0; i < segs.length; i++) {
    spans.push(document.getElementById("s" + i));
    wordSpans.push(data.words[i] && spans[i] ? spans[i].querySelectorAll(".w") : null);
  }
  var $ = function (id) { return document.getElementById(id); };
  var playButton = $("play"), seek = $("seek"), time = $("time"), speed = $("speed"), volume = $("volume");
  var mute = $("mute"), status = $("status"), restart = $("restart");
  var chapterButtons = document.querySelectorAll(".chapter");
  var reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)");
  var storageKey = "narrator:position:" + data.key;
  var current = -1, currentWord = -1, currentChapter = -1, userScrolledAt = 0, lastSaved = 0, dragging = false;

  audio.controls = false; // the page's own controls replace the browser's (kept without script)
  audio.preservesPitch = true;
  audio.webkitPreservesPitch = true; // Safari before 15.4
  controls.hidden = false;

  function clock(seconds) {
    var s = Math.max(0, Math.round(seconds)), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    var mm = h ? (m < 10 ? "0" : "") + m : String(m);
    return (h ? h + ":" : "") + mm + ":" + (r < 10 ? "0" : "") + r;
  }
  function duration() { return isFinite(audio.duration) && audio.duration > 0 ? audio.duration : data.duration / 1000; }
  function lastStartAtOrBefore(list, ms, startOf) {
    var lo = 0, hi = list.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (startOf(list[mid]) <= ms) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }
  function first(item) { return item[0]; }
  function segmentAt(ms) { return lastStartAtOrBefore(segs, ms, first); }
  function store(key, value) { try { if (value === null) { localStorage.removeItem(key); } else { localStorage.setItem(key, value); } } catch (e) { /* storage may be off */ } }
  function load(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }
  function say(text) { status.textContent = text; }

  function follow(span) {
    if (Date.now() - userScrolledAt < 4000) { return; } // the listener is looking elsewhere
    var box = span.getBoundingClientRect(), height = window.innerHeight || document.documentElement.clientHeight;
    if (box.top >= 0 && box.bottom <= height) { return; }
    // This page's own scroll, not scrollIntoView: embedded in an iframe, that would scroll the host page too.
    window.scrollTo({ top: window.scrollY + box.top - (height - box.height) / 2, behavior: reducedMotion && reducedMotion.matches ? "auto" : "smooth" });
  }
  function highlight() {
    var ms = audio.currentTime * 1000, index = segmentAt(ms);
    if (index !== current) {
      if (current >= 0 && spans[current]) { spans[current].classList.remove("on"); spans[current].removeAttribute("aria-current"); }
      if (currentWord >= 0 && current >= 0 && wordSpans[current]) { wordSpans[current][currentWord].classList.remove("on"); }
      current = index; currentWord = -1;
      if (index >= 0 && spans[index]) {
        spans[index].classList.add("on");
        spans[index].setAttribute("aria-current", "true"); // marked, never announced: no live region
        if (!audio.paused) { follow(spans[index]); }
      }
    }
    var words = index >= 0 ? data.words[index] : null;
    if (words && wordSpans[index]) {
      var w = lastStartAtOrBefore(words, ms, first);
      if (w !== currentWord) {
        if (currentWord >= 0) { wordSpans[index][currentWord].classList.remove("on"); }
        currentWord = w;
        if (w >= 0) { wordSpans[index][w].classList.add("on"); }
      }
    }
    var chapter = -1;
    for (var c = 0; c < chapterButtons.length; c++) { if (+chapterButtons[c].dataset.start <= ms) { chapter = c; } }
    if (chapter !== currentChapter) {
      if (currentChapter >= 0) { chapterButtons[currentChapter].removeAttribute("aria-current"); }
      if (chapter >= 0) { chapterButtons[chapter].setAttribute("aria-current", "true"); }
      currentChapter = chapter;
    }
  }
  function showTime() {
    var now = clock(audio.currentTime), total = clock(duration());
    if (!dragging) { seek.value = audio.currentTime.toFixed(1); }
    if (time.textContent !== now + " / " + total) { // once a second, not every frame
      time.textContent = now + " / " + total;
      seek.setAttribute("aria-valuetext", now + " of " + total);
    }
  }
  function update() {
    highlight();
    showTime();
    if (Math.abs(audio.currentTime - lastSaved) >= 2) { savePosition(); }
  }
  function tick() { update(); if (!audio.paused) { window.requestAnimationFrame(tick); } }
  function savePosition() {
    lastSaved = audio.currentTime;
    store(storageKey, audio.ended ? null : audio.currentTime.toFixed(2));
  }
  function seekTo(seconds, andPlay) {
    audio.currentTime = Math.min(Math.max(0, seconds), duration());
    update();
    if (current >= 0 && spans[current]) { follow(spans[current]); } // a jump shows where it landed, playing or not
    if (andPlay && audio.paused) { audio.play(); }
  }
  function togglePlay() { if (audio.paused) { audio.play(); } else { audio.pause(); } }
  function startOfGroup(field, direction) {
    // Previous: the start of the current group if more than 1.5 s in, else the group before. Next: the next group.
    var ms = audio.currentTime * 1000, index = Math.max(0, segmentAt(ms)), group = segs[index][field], target = -1, k;
    if (direction > 0) {
      for (k = index + 1; k < segs.length; k++) { if (segs[k][field] !== group) { target = k; break; } }
    } else {
      var start = index;
      while (start > 0 && segs[start - 1][field] === group) { start--; }
      if (ms - segs[start][0] > 1500 || start === 0) { target = start; } else {
        var before = segs[start - 1][field]; target = start - 1;
        while (target > 0 && segs[target - 1][field] === before) { target--; }
      }
    }
    if (target >= 0) { seekTo(segs[target][0] / 1000, false); }
  }
  function setRate(rate) {
    audio.playbackRate = rate;
    speed.value = String(rate);
    store("narrator:rate", String(rate));
    say("Speed " + rate + "×");
  }
  function stepRate(step) {
    var options = speed.options, index = Math.min(options.length - 1, Math.max(0, speed.selectedIndex + step));
    setRate(+options[index].value);
  }

  var actions = {
    play: togglePlay,
    back: function () { seekTo(audio.currentTime - 15, false); },
    forward: function () { seekTo(audio.currentTime + 15, false); },
    "prev-sentence": function () { startOfGroup(2, -1); },
    "next-sentence": function () { startOfGroup(2, 1); },
    "prev-paragraph": function () { startOfGroup(3, -1); },
    "next-paragraph": function () { startOfGroup(3, 1); },
    mute: function () { audio.muted = !audio.muted; mute.setAttribute("aria-pressed", String(audio.muted)); }, // now, not at volumechange
    restart: function () { restart.hidden = true; say(""); seekTo(0, false); }
  };
  Object.keys(actions).forEach(function (id) { $(id).addEventListener("click", actions[id]); });
  for (var c = 0; c < chapterButtons.length; c++) {
    chapterButtons[c].addEventListener("click", function (event) { seekTo(+event.currentTarget.dataset.start / 1000, true); });
  }
  seek.addEventListener("input", function () { dragging = true; seekTo(+seek.value, false); dragging = false; });
  speed.addEventListener("change", function () { setRate(+speed.value); });
  volume.addEventListener("input", function () { audio.volume = +volume.value; if (audio.muted && audio.volume > 0) { audio.muted = false; } });
  $("transcript").addEventListener("click", function (event) {
    var span = event.target.closest ? event.target.closest(".s") : null;
    if (span) { seekTo(segs[+span.id.slice(1)][0] / 1000, true); }
  });

  var keys = { k: "play", j: "back", l: "forward", ",": "prev-sentence", ".": "next-sentence", "<": "prev-paragraph", ">": "next-paragraph" };
  controls.addEventListener("keydown", function (event) {
    // Only on the player's own buttons, never with a modifier: screen readers and the page keep every other key.
    if (event.ctrlKey || event.altKey || event.metaKey || event.target.tagName !== "BUTTON") { return; }
    if (keys[event.key]) { actions[keys[event.key]](); } else if (event.key === "-" || event.key === "+" || event.key === "=") { stepRate(event.key === "-" ? -1 : 1); } else { return; }
    event.preventDefault();
  });

  function showPlaying(playing) {
    playButton.querySelector(".label").textContent = playing ? "Pause" : "Play";
    playButton.querySelector("path").setAttribute("d", playing ? "M6 5h4v14H6zm8 0h4v14h-4z" : "M8 5v14l11-7z");
  }
  audio.addEventListener("play", function () { showPlaying(true); window.requestAnimationFrame(tick); });
  audio.addEventListener("pause", function () { showPlaying(false); update(); savePosition(); });
  audio.addEventListener("ended", function () { store(storageKey, null); });
  audio.addEventListener("timeupdate", update);
  audio.addEventListener("seeked", update);
  audio.addEventListener("volumechange", function () {
    mute.setAttribute("aria-pressed", String(audio.muted));
    volume.value = String(audio.muted ? 0 : audio.volume);
  });
  audio.addEventListener("loadedmetadata", function () { seek.max = duration().toFixed(1); showTime(); });
  window.addEventListener("pagehide", savePosition);
  ["wheel", "touchmove"].forEach(function (name) { window.addEventListener(name, function () { userScrolledAt = Date.now(); }, { passive: true }); });

  var rate = +load("narrator:rate");
  if (rate >= 0.75 && rate <= 2) { audio.playbackRate = rate; speed.value = String(rate); }
  var saved = +load(storageKey);
  if (saved > 1 && saved < data.duration / 1000 - 1) {
    audio.currentTime = saved;
    restart.hidden = false;
    say("Resuming where you left off, at " + clock(saved) + ".");
  }
  update();
  if (window.performance && performance.mark) { performance.mark("narrator-player-ready"); } // for benchmarks/bench_player.py
})();
