import torch
from torch import nn

torch.manual_seed(0)


def run(*layers):
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(3, 4), *layers, nn.Linear(4, 1))
    names = " -> ".join(type(m).__name__ for m in model[:-1])
    names += "(inplace=True)" if model[-2].inplace else "()"
    try:
        model(torch.randn(8, 3)).pow(2).mean().backward()
    except RuntimeError as err:
        return f"{names}: RuntimeError, {str(err).split('which is ')[1].split(',')[0]}"  # (1)!
    return f"{names}: ok"


print(run(nn.ReLU(inplace=True)))  # (2)!
print(run(nn.BatchNorm1d(4), nn.ReLU(inplace=True)))
for act in (nn.Sigmoid(), nn.Tanh(), nn.Softmax(dim=1)):  # (3)!
    print(run(act, nn.ReLU(inplace=True)))
print(run(nn.Sigmoid(), nn.ReLU()))  # (4)!
