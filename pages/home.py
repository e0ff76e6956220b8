"""Home: open reviews and recent incidents (built out in issue 3)."""

import streamlit as st
from core.services import search_incidents
from pages._shared import engine

st.title("Lessons")
st.write(len(search_incidents(engine())))
