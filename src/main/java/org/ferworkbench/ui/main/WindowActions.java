package org.ferworkbench.ui.main;

/**
 * What the menu, the tool bar and the welcome page ask of the main view: the actions that need the dataset views
 * (built after the first frame) or a dialog owned by the window.
 *
 * @param open             choose a dataset folder and open it
 * @param export           show the Export tab and start an export
 * @param showImages       select the Images tab
 * @param showDistribution select the Distribution tab
 * @param saveChart        save the distribution chart as a PNG image
 * @param quit             close the window (as its close button: an export asks first)
 * @param showHistory      select the History tab (the decisions made)
 */
record WindowActions(Runnable open, Runnable export, Runnable showImages, Runnable showDistribution,
                     Runnable saveChart, Runnable quit, Runnable showHistory) { }
