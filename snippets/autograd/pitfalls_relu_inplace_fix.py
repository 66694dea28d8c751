import re

import torch
from torch import nn

torch.manual_seed(0)


def run(label, *layers):
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(3, 4), *layers, nn.Linear(4, 1))
    try:
        model(torch.randn(8, 3)).pow(2).mean().backward()
    except RuntimeError as err:
        culprit = re.search(r"output 0 of \w+", str(err)).group()  # (1)!
        print(f"{label}: RuntimeError, {culprit}")
    else:
        print(f"{label}: ok")


run("Linear -> ReLU(inplace=True)", nn.ReLU(inplace=True))  # (2)!
run("Linear -> BatchNorm1d -> ReLU(inplace=True)", nn.BatchNorm1d(4), nn.ReLU(inplace=True))
for act in (nn.Sigmoid(), nn.Tanh(), nn.Softmax(dim=1)):  # (3)!
    run(f"Linear -> {type(act).__name__} -> ReLU(inplace=True)", act, nn.ReLU(inplace=True))
run("Linear -> Sigmoid -> ReLU()", nn.Sigmoid(), nn.ReLU())  # (4)!
