"""Language-model providers behind one interface (see ``base.Provider``)."""
